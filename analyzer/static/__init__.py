"""The static scan of one APK: PI sources, endpoints, SDKs, security facts, pre-consent reads, taint paths.

``scan`` runs it (open the APK, model its code, then each analysis) and is
the scan's result type; ``sources`` finds catalogued PI reads and URL
constants; ``inputs`` the reads of layout text fields typed as PI (however
the code binds the view); ``uids`` whose uid a call names; ``uses`` whether
a read value is only compared; ``switches`` the library features the app
never switches on; ``callers`` the SDK unclaimed vendor code belongs to by
its callers; ``sdks`` the bundled SDKs (code, manifest,
accounts); ``security`` and ``tls`` the security facts rules need;
``window`` what runs before the user's first interaction, ``consent``
the SDK calls, prompts and PI reads there, and ``gates`` which of them a
consent flag still at its first-launch default keeps out (``flags`` the
stores such a flag lives in); ``destinations`` where each network sink call
sends (``urlvalues`` the values one method holds on the way, ``urlresolver``
those across methods); ``unresolved``
calls into code the analysis cannot see; ``serialize`` the scan as
versioned JSON and back; ``report`` the scan's tables for people.

May import: taint, program, apk, kb, common, model, errors.
"""
