import { Command } from 'commander';
import { registerAnalyseCommand } from './analyse.js';
import { appVersion } from '../version.js';
import { registerBackupCommands } from './backup-commands.js';
import { registerDbCommands } from './db-commands.js';
import { registerScoreCommand } from './score.js';
import { registerServeCommand } from './serve.js';

const program = new Command();
program.name('hopejobs').description('희망일자리 평가 플랫폼 / HopeJobs — city–district job-policy evaluation').version(appVersion).showHelpAfterError();

registerServeCommand(program);
registerDbCommands(program);
registerBackupCommands(program);

registerScoreCommand(program);
registerAnalyseCommand(program);

await program.parseAsync(process.argv);
