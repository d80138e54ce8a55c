/**
 * piflow bench app (React Native): the entry Metro bundles. Registers the root component and starts
 * the SDKs the way their READMEs show, before any consent screen (what the regulator's rules look at).
 */
import {AppRegistry} from 'react-native';
import App from './App';
import {startSdks} from './src/sdks';
import {name as appName} from './app.json';

startSdks();
AppRegistry.registerComponent(appName, () => App);
