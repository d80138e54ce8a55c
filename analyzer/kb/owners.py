"""Who owns a class: the app, or the SDK whose code signature (package prefix) it matches.

Every piece of static evidence names its owner, and the owner decides whether
an SDK or the app collected a PI type. A class under an SDK's prefix belongs
to that SDK, except where the prefix is the app's own package (an app whose
package lies inside a vendor's namespace owns its code). One resolver serves
a whole scan; it remembers each class it has resolved.
"""

from __future__ import annotations

from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import Owner


class OwnerResolver:
    """Attribute a class to the app or to the SDK whose code signature it matches."""

    def __init__(self, kb: KnowledgeBase, package: str) -> None:
        self.kb = kb
        self.package = package
        self._cache: dict[str, Owner] = {}

    def __call__(self, java_class: str) -> Owner:
        got = self._cache.get(java_class)
        if got is None:
            prefix = self.kb.sdk_prefix_for_class(java_class)
            if prefix is not None and not (self.package + ".").startswith(prefix + "."):
                sdk = self.kb.sdk_for_class(java_class)
                assert sdk is not None
                got = Owner("sdk", sdk.id)
            else:
                got = Owner("app", self.package)
            self._cache[java_class] = got
        return got

    def assign(self, java_class: str, owner: Owner) -> None:
        """Attribute ``java_class`` to ``owner`` whatever its prefix says (by its callers, see
        :mod:`analyzer.static.callers`)."""
        self._cache[java_class] = owner
