"""piflow's knowledge base: the data files of ``policies/``, loaded strictly, and who owns a class.

``catalogue`` loads and indexes the PI taxonomy, source and sink APIs and
SDK signatures; ``apptypes`` the 39 app types of the 2021 necessary-PI
rules; ``keynames`` the key names that say which PI a payload field holds;
``wire`` the wire schemas of ``policies/wire/`` (what each field of an SDK's upload
format holds); ``yamlfile`` is the one YAML loader of ``policies/`` (one-line errors
naming the file and entry); ``resources`` finds ``policies/``, the schemas and the addon in a
checkout or a wheel; ``owners`` says whether a class is the app's or which
SDK's.

May import: common, model, errors.
"""
