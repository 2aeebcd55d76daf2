import { Module } from '@nestjs/common';
import { ClueActionController } from './clue-actions.controller';
import { ClueActionService } from './clue-actions.service';
import { ClueImportController } from './clue-import.controller';
import { ClueImportService } from './clue-import.service';
import { ClueController } from './clues.controller';
import { ClueService } from './clues.service';

@Module({
  controllers: [ClueController, ClueActionController, ClueImportController],
  providers: [ClueService, ClueActionService, ClueImportService],
  exports: [ClueService, ClueImportService],
})
export class CluesModule {}
