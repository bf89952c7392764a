import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeDongles, findRtlSdrDongles, type UsbDeviceLike } from '../../src/sources/usb-devices.ts';

const root = mkdtempSync(path.join(tmpdir(), 'skyledger-sysfs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function fakeDevice(bus: number, address: number, ports: number[], vendor: number, product: number, strings: Record<number, string>, openError?: string): UsbDeviceLike {
  return {
    busNumber: bus, deviceAddress: address, portNumbers: ports,
    deviceDescriptor: { idVendor: vendor, idProduct: product, iManufacturer: 1, iProduct: 2, iSerialNumber: 3 },
    open() {
      if (openError) throw new Error(openError);
    },
    close() {},
    getStringDescriptor(i, cb) {
      cb(undefined, strings[i]);
    },
  };
}

describe('RTL-SDR dongle discovery', () => {
  it('finds RTL2832U dongles only, indexed in bus order, with names and kernel driver', async () => {
    // given a bus with a keyboard, a dongle held by the DVB driver, and one we may not open
    mkdirSync(path.join(root, '1-1.4:1.0'), { recursive: true });
    mkdirSync(path.join(root, 'drivers', 'dvb_usb_rtl28xxu'), { recursive: true });
    symlinkSync(path.join(root, 'drivers', 'dvb_usb_rtl28xxu'), path.join(root, '1-1.4:1.0', 'driver'));
    const devices = [
      fakeDevice(2, 5, [2], 0x0bda, 0x2832, {}, 'LIBUSB_ERROR_ACCESS'),
      fakeDevice(1, 3, [1], 0x046d, 0xc31c, { 1: 'Logitech' }),
      fakeDevice(1, 7, [1, 4], 0x0bda, 0x2838, { 1: 'Realtek', 2: 'RTL2838UHIDIR', 3: '00000001' }),
    ];
    // when scanned
    const dongles = await findRtlSdrDongles({ list: async () => devices, sysfsRoot: root });
    // then two dongles, the DVB-held one first, with the advice to unload the driver
    expect(dongles).toEqual([
      { index: 0, bus: 1, address: 7, ports: [1, 4], vendorId: 0x0bda, productId: 0x2838, manufacturer: 'Realtek', product: 'RTL2838UHIDIR', serial: '00000001', kernelDriver: 'dvb_usb_rtl28xxu' },
      { index: 1, bus: 2, address: 5, ports: [2], vendorId: 0x0bda, productId: 0x2832, stringsError: 'LIBUSB_ERROR_ACCESS' },
    ]);
    const text = describeDongles(dongles);
    expect(text).toContain('rtlsdr://0  Realtek RTL2838UHIDIR serial 00000001  (USB 0bda:2838, bus 1 address 7)');
    expect(text).toContain('sudo rmmod dvb_usb_rtl28xxu');
    expect(text).toContain('blacklist dvb_usb_rtl28xxu');
    expect(text).toContain('could not read its name (LIBUSB_ERROR_ACCESS)');
  });

  it('says plainly when there is none', async () => {
    const dongles = await findRtlSdrDongles({ list: async () => [], sysfsRoot: root });
    expect(dongles).toEqual([]);
    expect(describeDongles(dongles)).toMatch(/^no RTL-SDR dongle found/);
  });
});
