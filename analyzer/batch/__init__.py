"""Batch vetting: many APKs checked on a Dask cluster into one resumable SQLite store.

- :mod:`analyzer.batch.inputs` turns folders, globs and list files into items;
- :mod:`analyzer.batch.task` vets one item on a worker (plain dict in, plain dict out);
- :mod:`analyzer.batch.runner` runs the items on Dask and hands results to the one writer;
- :mod:`analyzer.batch.store` is that writer and the schema (docs/batch-schema.md);
- :mod:`analyzer.batch.summary` reads the store into a pandas DataFrame per app;
- :mod:`analyzer.batch.progress` draws the live bar;
- :mod:`analyzer.batch.report` shows one stored app.

Dask is imported only here (``runner``, ``task``), pandas only in ``summary``.

May import: check, report, declaration, kb, common, model, errors.
"""
