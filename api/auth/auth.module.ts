import { Module } from '@nestjs/common';
import { MeController } from './me.controller';
import { TokenController } from './tokens.controller';
import { TokenService } from './tokens.service';

@Module({ controllers: [TokenController, MeController], providers: [TokenService] })
export class AuthModule {}
