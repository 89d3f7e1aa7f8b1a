"""Every user-facing word, in Chinese and English: finding messages, labels, help texts."""
