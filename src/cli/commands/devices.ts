// `skyledger devices`: lists attached RTL-SDR dongles and what stands in their way. Finding none
// is an answer, not an error (exit 0); failing to look at the bus is one (exit 1).
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { describeDongles, findRtlSdrDongles, type DeviceScanDeps } from '../../sources/usb-devices.ts';
import type { SetExitCode } from './index.ts';

export async function runDevices(out: Writable, err: Writable, options: { json?: boolean } = {}, deps: DeviceScanDeps = {}): Promise<number> {
  try {
    const dongles = await findRtlSdrDongles(deps);
    out.write(options.json ? `${JSON.stringify(dongles)}\n` : describeDongles(dongles));
    return 0;
  } catch (e) {
    err.write(`skyledger devices: cannot list USB devices: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

export function registerDevices(program: Command, setExitCode: SetExitCode): void {
  program
    .command('devices')
    .description('list attached RTL-SDR dongles (and whether the kernel DVB driver holds them)')
    .option('--json', 'print a JSON array instead of text')
    .action(async (opts: { json?: boolean }) => {
      setExitCode(await runDevices(process.stdout, process.stderr, { json: opts.json === true }));
    });
}
