"""Images drawn by headless Chromium: the page, the frame, the legend and their limits."""
