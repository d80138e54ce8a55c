"""Hybrid apps: name the framework (React Native, uni-app, Cordova/Ionic, Flutter) and read its code's PI.

A large share of apps keep their logic in JavaScript or Dart; the PI they read goes
through bridges to native code and the hosts they call are in the bundle.
``frameworks`` names the framework from asset, library and class names (and tells a
Hermes bytecode bundle, which is not parsed); ``bridges`` loads
``policies/js-bridges.yaml`` (the bridges, request calls and Flutter channel names
as data); ``js`` parses JavaScript with tree-sitter (the only module importing it)
and finds bridge reads, URL literals, request calls and, within one function, a
read flowing into a request; ``flutter`` reads the printable strings of a Flutter
AOT snapshot (``libapp.so``: strings only) for URLs and plugin channels;
``natives`` which Java class answers each native name a script binds (a React
Native module, a Cordova service, a Flutter channel) and ``owners`` whose code
each script module is by those bindings and by its importers; ``analyse``
(``run``) runs them over an opened APK and returns the scan's value types.

May import: program, kb, apk, common, model, errors.
"""

from analyzer.static.hybrid.run import HybridResult, Scripts, analyse, read_scripts

__all__ = ["HybridResult", "Scripts", "analyse", "read_scripts"]
