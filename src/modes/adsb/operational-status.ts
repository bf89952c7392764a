// TC 31: aircraft operational status (DO-260B 2.2.3.2.7.2). Subtype 0 is sent airborne, 1 on the
// surface; they share the version, NIC-A, NACp, SIL and SIL-supplement positions. GVA and NIC-baro
// exist only airborne, NIC-C and NACv only in the surface capability class.
import type { ModeSMessage } from '../message.ts';
import { meBit, meField } from './me-field.ts';

export function decodeOperationalStatus(frame: Uint8Array, msg: ModeSMessage): void {
  const subtype = meField(frame, 6, 8);
  if (subtype > 1) return;
  const version = meField(frame, 41, 43);
  msg.adsb_version = version;
  msg.on_ground = subtype === 1;
  if (version === 0) return; // DO-260 (version 0) has none of the quality fields below
  msg.nic_supplement_a = meBit(frame, 44);
  msg.nac_p = meField(frame, 45, 48);
  msg.sil = meField(frame, 51, 52);
  if (subtype === 0) {
    msg.nic_baro = meBit(frame, 53);
    if (version >= 2) msg.gva = meField(frame, 49, 50);
  } else {
    msg.nac_v = meField(frame, 17, 19);
    msg.nic_supplement_c = meBit(frame, 20);
  }
  if (version >= 2) msg.sil_supplement = meBit(frame, 55);
}
