"""The key names that say which PI a payload field holds: ``imei``, ``mobile``, ``shoujihao`` → a key kind.

Payloads name their fields in English, pinyin and vendor shorthand. This is
the vocabulary: a normalised key (lower case, ``_`` removed) or a key word,
and the kind of PI it names. Traffic detection (:mod:`analyzer.traffic.shapes`)
matches keys against it; the fields of an SDK's wire schema
(``policies/wire/*.yaml``) may only name these kinds.

>>> KEY_KINDS["shoujihao"], KEY_KINDS["androidid"]
('phone', 'android_id')
"""

from __future__ import annotations

KEY_KINDS: dict[str, str] = {}
for _kind, _names in {
    "imei": "imei imei1 imei2 deviceimei imeimd5 imeisha1 imeisha256 md5imei sha1imei",
    "meid": "meid",
    "imsi": "imsi subscriberid",
    "iccid": "iccid simserial simserialnumber simsn",
    "android_id": "androidid android_id aid_android adrid anid",
    "serial": "serial serialno serialnumber buildserial hwserial",
    "mac": "mac macaddr macaddress wifimac wlanmac localmac devicemac",
    "bt_mac": "btmac bluetoothmac btaddr bluetoothaddress",
    "bssid": "bssid wifibssid apmac routermac",
    "ssid": "ssid wifissid wifiname",
    "oaid": "oaid msaoaid",
    "vaid": "vaid",
    "aaid": "aaid",
    # rdid: the ad-request parameter of Google's ad SDKs; resettable_device_id: Firebase Analytics
    "gaid": "gaid adid advertisingid advertiserid googleadid gpsadid gadid idfa adidmd5 rdid "
            "resettabledeviceid",
    "phone": "phone mobile mobileno phonenum phonenumber phoneno tel telephone msisdn cellphone "
             "shouji shoujihao sjh sjhm dianhua lianxidianhua usermobile userphone",
    "email": "email mail emailaddress youxiang",
    "id_number": "idcard idno idnumber idcardno identitycard identityno certno certnum "
                 "sfz sfzh sfzhm shenfenzheng zjhm",
    "name": "realname truename fullname xingming username_real customername",
    "password": "password passwd pwd pass userpwd loginpwd mima",
    "bank_card": "bankcard bankcardno cardno cardnumber yinhangka",
    "lat": "lat latitude weidu gpslat",
    "lng": "lng lon long longitude jingdu gpslng gpslon",
    "location": "location loc gps latlng lnglat latlon coordinate coordinates weizhi",
    "address": "address addr dizhi detailaddress homeaddress",
    "apps": "applist apps_list pkglist packagelist installedapps installapps installedpackages "
            "installed installedlist pkgs pkgnames packagenames "
            "appinstalllist yingyongliebiao",
    "contacts": "contacts contactlist lianxiren tongxunlu addressbook",
    "deviceid": "deviceid did udid devid uniqueid uuid_device cuid",  # cuid: Baidu's device id
    "lac": "lac tac",
    "cellid": "cellid ci cid",
}.items():
    for _n in _names.split():
        KEY_KINDS[_n.replace("_", "")] = _kind

KINDS = frozenset(KEY_KINDS.values())
"""Every key kind."""
