/** The user's location, read through @react-native-community/geolocation and sent to the app's host. */
import Geolocation from '@react-native-community/geolocation';

const TRACK_URL = 'https://geo.tripmate-demo.cn/track';
let watchId = null;

Geolocation.setRNConfiguration({skipPermissionRequests: false, authorizationLevel: 'whenInUse'});

export function shareLocationOnce() {
  return new Promise((resolve, reject) => {
    Geolocation.getCurrentPosition(
      position => {
        const {latitude, longitude, accuracy} = position.coords;
        fetch(TRACK_URL, {
          method: 'POST',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({latitude, longitude, accuracy, at: position.timestamp}),
        }).then(resolve, reject);
      },
      error => reject(error),
      {enableHighAccuracy: true, timeout: 15000, maximumAge: 10000},
    );
  });
}

export function startTracking() {
  watchId = Geolocation.watchPosition(
    pos => {
      fetch(`${TRACK_URL}?lat=${pos.coords.latitude}&lng=${pos.coords.longitude}`);
    },
    () => {},
    {distanceFilter: 50},
  );
}

export function stopTracking() {
  if (watchId != null) {
    Geolocation.clearWatch(watchId);
    watchId = null;
  }
}
