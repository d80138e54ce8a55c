"""Services every part of piflow uses: private writes, bounded reads, masking, progress, memory, processes.

``files`` is the one place that reads user-given files (one size limit per
document kind) and writes files that may hold PI (0600); ``masking`` hides
PI values for display; ``terminal`` makes text from inputs one printable
line for people (tables, log messages); ``descriptors`` converts Java and
Dalvik type names; ``hosts`` tells the device's own and local-network hosts;
``memory`` measures the process's resident memory for budgets;
``parallel`` runs a function in a forked worker; ``progress`` draws the
progress bars on stderr.

May import: errors.
"""
