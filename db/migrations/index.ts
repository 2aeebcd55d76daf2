import { InitialLedger1795612727189 } from './1795612727189-InitialLedger';
import { MailDigests1795700000000 } from './1795700000000-MailDigests';
import { ClueEventsWithoutForeignKey1795700000001 } from './1795700000001-ClueEventsWithoutForeignKey';
import { ReportSignoffs1795710000000 } from './1795710000000-ReportSignoffs';
import { IdempotencyKeys1795800000000 } from './1795800000000-IdempotencyKeys';
import { AuditHashChain1795800000001 } from './1795800000001-AuditHashChain';
import { AccountabilityItems1795900000000 } from './1795900000000-AccountabilityItems';
import { UnstartedCluesIndex1795900000001 } from './1795900000001-UnstartedCluesIndex';
import { ClueTally1796100000000 } from './1796100000000-ClueTally';
import { ClueDeadlineOrder1796100000001 } from './1796100000001-ClueDeadlineOrder';

/** Listed explicitly so that compiled, bundled and test runs load the same migrations in order. */
export const MIGRATIONS = [InitialLedger1795612727189, MailDigests1795700000000, ClueEventsWithoutForeignKey1795700000001, ReportSignoffs1795710000000, IdempotencyKeys1795800000000, AuditHashChain1795800000001, AccountabilityItems1795900000000, UnstartedCluesIndex1795900000001, ClueTally1796100000000, ClueDeadlineOrder1796100000001];
