"""Traffic evidence: PI in captured messages, encoded or hashed, to which party, in which consent phase.

``model`` holds the value types (neutral messages, observations);
``mitm`` turns mitmproxy flows and saved ``.mitm``/HAR files into messages
(with the addon, the only code importing mitmproxy); ``codings``, ``frames``
(JSON lines, envelopes, protobuf, gRPC) and ``decode`` unwrap bodies within
bounds into leaves; ``focus``, ``shapes`` and ``keys`` decide which leaves
may be PI; ``wire`` applies the receiving SDK's wire schema (what each field
of its upload format holds); ``profile`` spells out a test phone's known
values; ``detect`` turns a message into observations;
``attribution`` says who receives it; ``phase`` keeps the consent-phase
timeline; ``observations`` writes and reads ``observations.jsonl`` (0600);
``offline`` and ``capture`` run ``piflow traffic`` and ``piflow capture``;
``report`` prints observations; ``examiner`` runs the live proxy's
detection on a thread of its own, so no connection waits for it.

Traffic never looks at code: it imports no ``apk``, ``program``, ``static``
or ``taint``.

May import: kb, common, model, errors.
"""
