/*
 * piflow bench app (Cordova): on deviceready it starts AppsFlyer and Firebase Analytics, registers the
 * device with the app's host (cordova-plugin-device), shares the location (cordova-plugin-geolocation)
 * and redeems an invite code pasted from the clipboard (cordova-clipboard).
 */
var API = 'https://api.tripmate-demo.cn/v2';

function postJson(path, body) {
    return fetch(API + path, {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body)
    });
}

function registerDevice() {
    var uuid = device.uuid;
    var serial = device.serial;
    var model = device.model;
    fetch(API + '/devices/register', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({uuid: uuid, serial: serial, model: model, platform: device.platform})
    });
    return uuid;
}

function shareLocation() {
    navigator.geolocation.getCurrentPosition(function (position) {
        var c = position.coords;
        var xhr = new XMLHttpRequest();
        xhr.open('POST', 'https://geo.tripmate-demo.cn/track');
        xhr.setRequestHeader('Content-Type', 'application/json');
        xhr.send(JSON.stringify({lat: c.latitude, lng: c.longitude, accuracy: c.accuracy}));
    }, function (error) {
        console.warn('location unavailable: ' + error.message);
    }, {enableHighAccuracy: true, timeout: 15000});
}

function trackTrips() {
    return navigator.geolocation.watchPosition(function (pos) {
        fetch('https://geo.tripmate-demo.cn/track?lat=' + pos.coords.latitude + '&lng=' + pos.coords.longitude);
    }, function () {}, {maximumAge: 60000});
}

function redeemInvite() {
    cordova.plugins.clipboard.paste(function (text) {
        if (/^TM-[A-Z0-9]{6}$/.test(text.trim())) {
            postJson('/invites/redeem', {code: text.trim()});
        }
    });
}

function startSdks(userId) {
    window.plugins.appsFlyer.initSdk({devKey: 'AF_DEV_KEY_PLACEHOLDER', isDebug: false, onInstallConversionDataListener: true},
        function (result) { console.log('appsflyer ' + result); },
        function (error) { console.error('appsflyer ' + error); });
    window.plugins.appsFlyer.setAppUserId(userId);
    window.plugins.appsFlyer.getAppsFlyerUID(function (uid) {
        postJson('/attribution', {uid: uid});
    });
    cordova.plugins.firebase.analytics.setUserId(userId);
    cordova.plugins.firebase.analytics.logEvent('app_open', {source: 'cold'});
}

function onDeviceReady() {
    var id = registerDevice();
    startSdks(id);
    document.getElementById('deviceready').classList.add('ready');
    document.getElementById('share').addEventListener('click', shareLocation);
    document.getElementById('track').addEventListener('click', trackTrips);
    document.getElementById('invite').addEventListener('click', redeemInvite);
}

document.addEventListener('deviceready', onDeviceReady, false);
