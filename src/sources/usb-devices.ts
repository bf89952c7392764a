// RTL2832U dongles on the USB bus, for `skyledger devices`: where they are, what they say they
// are, and whether the kernel's DVB-T driver has claimed them (then rtl_sdr cannot open them).
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Realtek's vendor id and the RTL2832U product ids dongles ship with. */
export const RTL_VENDOR_ID = 0x0bda;
export const RTL_PRODUCT_IDS: readonly number[] = [0x2832, 0x2838];

export const DVB_DRIVER = 'dvb_usb_rtl28xxu';

export interface RtlSdrDongle {
  /** The index rtl_sdr's `-d` and `rtlsdr://INDEX` use: the order among RTL dongles on the bus. */
  index: number;
  bus: number;
  address: number;
  /** Port path, e.g. [1, 4] for `1-1.4` in sysfs. */
  ports: number[];
  vendorId: number;
  productId: number;
  manufacturer?: string;
  product?: string;
  serial?: string;
  /** Why the strings could not be read (usually permissions: no udev rule). */
  stringsError?: string;
  /** The kernel driver bound to the device's interface, when one is. */
  kernelDriver?: string;
}

/** What we need from a USB device; `usb`'s legacy Device provides it. */
export interface UsbDeviceLike {
  busNumber: number;
  deviceAddress: number;
  portNumbers: number[];
  deviceDescriptor: { idVendor: number; idProduct: number; iManufacturer: number; iProduct: number; iSerialNumber: number };
  open(): void;
  close(): void;
  getStringDescriptor(index: number, callback: (error?: Error, value?: string) => void): void;
}

export interface DeviceScanDeps {
  /** The devices on the bus. Default: `usb`'s getDeviceList. */
  list?: () => Promise<UsbDeviceLike[]>;
  /** Where sysfs lists USB devices. Default /sys/bus/usb/devices. */
  sysfsRoot?: string;
}

export async function listUsbDevices(): Promise<UsbDeviceLike[]> {
  const usb = await import('usb');
  return usb.getDeviceList() as unknown as UsbDeviceLike[];
}

export function isRtlSdr(device: UsbDeviceLike): boolean {
  return device.deviceDescriptor.idVendor === RTL_VENDOR_ID && RTL_PRODUCT_IDS.includes(device.deviceDescriptor.idProduct);
}

export async function findRtlSdrDongles(deps: DeviceScanDeps = {}): Promise<RtlSdrDongle[]> {
  const devices = (await (deps.list ?? listUsbDevices)()).filter(isRtlSdr);
  devices.sort((a, b) => a.busNumber - b.busNumber || a.deviceAddress - b.deviceAddress);
  const dongles: RtlSdrDongle[] = [];
  for (const [index, device] of devices.entries()) {
    const d = device.deviceDescriptor;
    const dongle: RtlSdrDongle = {
      index, bus: device.busNumber, address: device.deviceAddress, ports: [...(device.portNumbers ?? [])],
      vendorId: d.idVendor, productId: d.idProduct,
    };
    Object.assign(dongle, await readStrings(device));
    const driver = kernelDriverOf(deps.sysfsRoot ?? '/sys/bus/usb/devices', device.busNumber, dongle.ports);
    if (driver) dongle.kernelDriver = driver;
    dongles.push(dongle);
  }
  return dongles;
}

/** The driver bound to any interface of the device `BUS-PORTS` in sysfs (`1-1.4:1.0/driver`). */
export function kernelDriverOf(sysfsRoot: string, bus: number, ports: number[]): string | undefined {
  if (ports.length === 0) return undefined;
  const name = `${bus}-${ports.join('.')}:`;
  let entries: string[];
  try {
    entries = readdirSync(sysfsRoot).filter((e) => e.startsWith(name));
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    try {
      return path.basename(readlinkSync(path.join(sysfsRoot, entry, 'driver')));
    } catch {
      // no driver bound to this interface
    }
  }
  return undefined;
}

async function readStrings(device: UsbDeviceLike): Promise<Pick<RtlSdrDongle, 'manufacturer' | 'product' | 'serial' | 'stringsError'>> {
  const d = device.deviceDescriptor;
  try {
    device.open();
  } catch (err) {
    return { stringsError: err instanceof Error ? err.message : String(err) };
  }
  try {
    const read = (i: number): Promise<string | undefined> =>
      i === 0 ? Promise.resolve(undefined) : new Promise((resolve) => device.getStringDescriptor(i, (error, value) => resolve(error ? undefined : value?.trim())));
    const [manufacturer, product, serial] = [await read(d.iManufacturer), await read(d.iProduct), await read(d.iSerialNumber)];
    return { ...(manufacturer ? { manufacturer } : {}), ...(product ? { product } : {}), ...(serial ? { serial } : {}) };
  } finally {
    try {
      device.close();
    } catch {
      // closing a device we could open does not fail in practice; nothing to do if it does
    }
  }
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** The human report `skyledger devices` prints. */
export function describeDongles(dongles: RtlSdrDongle[]): string {
  if (dongles.length === 0) {
    return 'no RTL-SDR dongle found (looked for USB 0bda:2832 and 0bda:2838)\n'
      + 'other sources: beast://HOST:30005 (dump1090/readsb), serial:///dev/ttyUSB0, rtltcp://HOST:1234, file://CAPTURE, demo\n';
  }
  const lines: string[] = [];
  for (const d of dongles) {
    const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || 'RTL2832U';
    const serial = d.serial ? ` serial ${d.serial}` : '';
    lines.push(`rtlsdr://${d.index}  ${name}${serial}  (USB ${hex4(d.vendorId)}:${hex4(d.productId)}, bus ${d.bus} address ${d.address})`);
    if (d.stringsError) lines.push(`  could not read its name (${d.stringsError}); a udev rule for rtl-sdr usually fixes permissions`);
    if (d.kernelDriver === DVB_DRIVER) {
      lines.push(`  held by the kernel DVB-T driver ${DVB_DRIVER}: run \`sudo rmmod ${DVB_DRIVER}\` and blacklist it`);
      lines.push(`  (echo 'blacklist ${DVB_DRIVER}' | sudo tee /etc/modprobe.d/blacklist-rtl-sdr.conf)`);
    } else if (d.kernelDriver) {
      lines.push(`  bound to kernel driver ${d.kernelDriver}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
