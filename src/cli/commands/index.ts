// One line per command; each module adds its subcommand to the program.
import type { Command } from 'commander';
import { registerDecode } from './decode.ts';
import { registerSimulate } from './simulate.ts';

export type SetExitCode = (code: number) => void;

export function registerCommands(program: Command, setExitCode: SetExitCode): void {
  registerDecode(program, setExitCode);
  registerSimulate(program, setExitCode);
}
