/**
 * The root screen: a profile card with the device's identity, a "share my location" button and a
 * "paste invite code" button. Each action reads PI through a library and sends it to the app's host.
 */
import React, {useEffect, useState} from 'react';
import {Button, SafeAreaView, ScrollView, StyleSheet, Text, View} from 'react-native';
import {collectDeviceProfile, reportDevice} from './src/device';
import {shareLocationOnce, startTracking, stopTracking} from './src/location';
import {redeemClipboardInvite} from './src/invite';
import {identifyUser, trackEvent} from './src/sdks';

function Row({label, value}) {
  return (
    <View style={styles.row}>
      <Text style={styles.label}>{label}</Text>
      <Text style={styles.value}>{value == null ? '—' : String(value)}</Text>
    </View>
  );
}

export default function App() {
  const [profile, setProfile] = useState(null);
  const [status, setStatus] = useState('');
  const [tracking, setTracking] = useState(false);

  useEffect(() => {
    let alive = true;
    collectDeviceProfile().then(p => {
      if (alive) {
        setProfile(p);
        identifyUser(p.uniqueId);
      }
    });
    reportDevice().catch(e => setStatus(String(e)));
    return () => {
      alive = false;
    };
  }, []);

  const onShare = () => {
    shareLocationOnce()
      .then(() => setStatus('location shared'))
      .catch(e => setStatus(String(e)));
    trackEvent('share_location', {screen: 'home'});
  };

  const onTrack = () => {
    if (tracking) {
      stopTracking();
    } else {
      startTracking();
    }
    setTracking(!tracking);
  };

  const onInvite = async () => {
    const ok = await redeemClipboardInvite();
    setStatus(ok ? 'invite redeemed' : 'no invite code on the clipboard');
    trackEvent('redeem_invite', {ok});
  };

  return (
    <SafeAreaView style={styles.root}>
      <ScrollView>
        <Text style={styles.title}>My device</Text>
        {profile && (
          <View>
            <Row label="Device" value={profile.deviceName} />
            <Row label="Carrier" value={profile.carrier} />
            <Row label="IP" value={profile.ip} />
          </View>
        )}
        <Button title="Share my location" onPress={onShare} />
        <Button title={tracking ? 'Stop tracking' : 'Track my trips'} onPress={onTrack} />
        <Button title="Paste invite code" onPress={onInvite} />
        <Text style={styles.status}>{status}</Text>
      </ScrollView>
    </SafeAreaView>
  );
}

const styles = StyleSheet.create({
  root: {flex: 1, padding: 16},
  title: {fontSize: 22, fontWeight: '600', marginBottom: 12},
  row: {flexDirection: 'row', justifyContent: 'space-between', paddingVertical: 4},
  label: {color: '#555'},
  value: {fontWeight: '500'},
  status: {marginTop: 12, color: '#333'},
});
