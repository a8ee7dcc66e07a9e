"""The facilities pages. Views translate HTTP to selector and service calls and render."""
