"""Static taint analysis: where the PI read at source sites can flow, up to which sink call sites.

The public face is :func:`analyse` with its :class:`TaintResult` of
:class:`Leak` s, each at a :class:`SinkSite`. The design, summary-based and
bottom-up over the reachable call graph:

* each reachable method is analysed flow-sensitively over its basic blocks
  with a local heap of typed abstract objects; fields are precise inside a
  method (strong updates when a register points to one object) and
  field-based across methods (:mod:`~.domain`, :mod:`~.engine`,
  :mod:`~.transfer`, :mod:`~.heap`);
* a method's summary says, in labels, what its return value, thrown
  exceptions and argument objects carry, what it writes to global locations
  and which sink sites receive which labels; callers substitute their own
  arguments (:mod:`~.substitution`), at call sites planned once
  (:mod:`~.calls`);
* library calls go through models (:mod:`~.library`, :mod:`~.constants`);
  a broadcast's intent, a provider's ``Uri`` and a path naming the photo
  folder carry PI without being it: the call that reads it out (an extra by
  its key, a query, a listing or opening of the folder's files) is the source
  (:mod:`~.carriers`);
  the platform's channels between components (:mod:`~.android`), reflection
  (:mod:`~.reflection`), native code (:mod:`~.native`) and runtime
  exceptions (:mod:`~.exceptions`) each have their own handler;
* at framework-called methods the remaining parameter labels mean
  "untainted"; global labels are then solved as a least fixpoint and every
  sink site whose labels resolve to a concrete source is a leak, with the
  path its data took (:mod:`~.schedule`, :mod:`~.paths`).

It reads the program model, never the static scan that calls it, traffic,
declarations, the graph or anything above. Inside, modules import downwards
in this order: ``domain`` ← ``carriers`` ← ``library`` ← ``context`` ← ``heap`` ←
``substitution`` ← (``android``, ``reflection``, ``native``,
``constants``, ``exceptions``) ← ``calls`` ← ``transfer`` ← ``engine`` ←
``schedule``; ``paths`` reads only ``domain``.

May import: program, apk, kb, common, model, errors.
"""

from analyzer.taint.domain import SinkSite
from analyzer.taint.schedule import Leak, TaintResult, analyse

__all__ = ["Leak", "SinkSite", "TaintResult", "analyse"]
