/** Invite codes: the clipboard is read when the user taps "paste" and its text is sent to redeem it. */
import Clipboard from '@react-native-clipboard/clipboard';
import {postJson} from './api';

const CODE = /^TM-[A-Z0-9]{6}$/;

export async function redeemClipboardInvite() {
  const text = await Clipboard.getString();
  if (!CODE.test(text.trim())) {
    return false;
  }
  const res = await postJson('/invites/redeem', {code: text.trim()});
  return res.ok;
}
