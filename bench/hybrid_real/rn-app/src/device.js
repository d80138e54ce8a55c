/** The device's identity, read through react-native-device-info and sent to the app's host. */
import DeviceInfo from 'react-native-device-info';
import {API_BASE} from './api';

export async function collectDeviceProfile() {
  const uniqueId = await DeviceInfo.getUniqueId();
  const deviceName = await DeviceInfo.getDeviceName();
  const carrier = await DeviceInfo.getCarrier();
  const ip = await DeviceInfo.getIpAddress();
  return {uniqueId, deviceName, carrier, ip};
}

export async function reportDevice() {
  const androidId = await DeviceInfo.getAndroidId();
  const mac = await DeviceInfo.getMacAddress();
  const model = DeviceInfo.getModel();
  const response = await fetch(`${API_BASE}/devices/register`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({androidId, mac, model, app: DeviceInfo.getVersion()}),
  });
  return response.ok;
}
