"""The APK as a file: its ZIP container, manifest and resources, DEX files and native libraries.

``container`` opens an APK within bounds (entry count, sizes, compression
ratio) and is piflow's only androguard adapter (manifest and resources, the
manifest parsed in a worker process); ``bundles`` reads split sets (.apks),
XAPKs, app bundles (.aab) and apktool-decoded folders as one app, the
bundle's protobuf XML decoded by ``protoxml``; ``layouts`` reads what layouts
declare (the PI type of each text field, ``onClick`` handlers);
``appinfo`` holds the value types of what an APK declares; ``dex`` reads Dalvik executables (every offset
checked); ``opcodes`` groups the Dalvik opcodes for the analyses;
``native`` reads native libraries' symbols and strings (JNI bindings, the
Java APIs and hosts they name).

Nothing here knows what an app does with its code: that is ``program`` and
above.

May import: kb, common, model, errors.
"""
