"""The two lists Chinese regulators expect an app to publish, drawn from a check's evidence.

已收集个人信息清单 (the personal information the app collects: type, purpose,
scenario, collector, before or after consent, evidence) and 第三方信息共享清单
(the third parties it reaches: SDK or recipient, company and country, PI
types, purpose, how it is shared, the vendor's privacy-policy link). They are
built from one check's joined graph and findings (``build``, reading the graph
through the rules' own queries, so a list row and rule ``o24-09-2`` agree on
what "collected" and "present" mean); what the evidence cannot decide is
marked for a person, never guessed. Compared with a declaration, a row the
declaration leaves out points to the finding that says so (``o24-09-2-*``,
``o24-10-*``), read from the check, not decided again here.

``model`` holds the rows; ``build`` makes them; ``text`` the zh/en labels;
``render`` writes Markdown, HTML (self-contained, escaped, no script) and CSV
(UTF-8 with a BOM); ``xlsx`` the workbook (openpyxl, imported only there);
``draft`` a draft declaration (``piflow.declaration/1``) for the developer to
complete; ``output`` writes the files (0600).

May import: report, check, rules, graph, kb, common, model, errors.
"""
