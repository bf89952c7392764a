// What `skyledger serve` reads when no `--source` is given, in order: an attached RTL-SDR, a
// dump1090 (or readsb) Beast feed on localhost:30005, else the bundled demo capture looped at real
// time. The choice and the reason for it are returned for the start-up log line.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { DEMO_CAPTURES } from '../sources/open-source.ts';
import { findRtlSdrDongles } from '../sources/usb-devices.ts';

export interface SourceChoice {
  name: string;
  uri: string;
  reason: string;
}

export interface DefaultSourceProbes {
  /** Number of RTL-SDR dongles attached. */
  rtlSdrCount?: () => Promise<number>;
  /** Whether something accepts TCP connections at host:port within the timeout. */
  tcpOpen?: (host: string, port: number, timeoutMs: number) => Promise<boolean>;
  demoCapture?: () => string | undefined;
}

/** RTL-SDR dongles on USB (E's scan); failing to look at the bus counts as none. */
export async function countRtlSdrDongles(): Promise<number> {
  try {
    return (await findRtlSdrDongles()).length;
  } catch {
    return 0;
  }
}

export function tcpOpen(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function chooseDefaultSource(probes: DefaultSourceProbes = {}): Promise<SourceChoice | { error: string }> {
  const dongles = await (probes.rtlSdrCount ?? countRtlSdrDongles)();
  if (dongles > 0) return { name: 'rtlsdr0', uri: 'rtlsdr://0', reason: `found ${dongles} RTL-SDR dongle(s) on USB; using the first` };
  const open = await (probes.tcpOpen ?? tcpOpen)('localhost', 30005, 500);
  if (open) return { name: 'dump1090', uri: 'beast://localhost:30005', reason: 'no RTL-SDR dongle; a Beast feed answers on localhost:30005 (dump1090/readsb)' };
  const demo = (probes.demoCapture ?? (() => DEMO_CAPTURES.find((p) => existsSync(p))))();
  if (demo !== undefined) return { name: 'demo', uri: 'demo', reason: `no RTL-SDR dongle and nothing on localhost:30005; looping the demo capture ${demo} at real time` };
  return { error: `no source: no RTL-SDR dongle, nothing on localhost:30005, and no demo capture (looked for ${DEMO_CAPTURES.join(', ')}); give --source URI` };
}
