"""What an app says about itself: its declaration (YAML) and what its privacy-policy text mentions.

``model`` holds the value types; ``load`` reads and validates a declaration
(strict YAML, bounded read); ``textfile`` decodes policy files (UTF-8 or
GB 18030, HTML reduced to text); ``policytext`` extracts the PI types, third
parties, complaint channel and account deletion a policy mentions, using
the keyword dictionary of ``keywords``; ``report`` prints a declaration.

Declarations are independent evidence: nothing here reads code or traffic.

May import: kb, common, model, errors.
"""
