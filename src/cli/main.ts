// The composition root's entry: parses the command line and hands off to one command module.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('skyledger')
    .description('Event-sourced ADS-B / Mode S flight tracker')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  let exitCode = 0;
  registerCommands(program, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`skyledger: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  return exitCode;
}
