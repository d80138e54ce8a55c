"""The app's code as one program: class hierarchy, method bodies, register values, what can run.

``hierarchy`` models every class of every DEX file with the framework above
them (``framework``: the Android SDK's class hierarchy, no code) and
per-method facts; ``cfg`` builds control-flow graphs of method bodies;
``regflow`` tracks constants and object classes through one method's
registers; ``fieldclasses`` the classes of the objects each field is given;
``reach`` finds the entry points and the reachable methods (rapid type
analysis) and resolves call targets.

May import: apk, kb, common, model, errors.
"""
