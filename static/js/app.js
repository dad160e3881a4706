// Page behaviour that needs script; kept in a file so the Content-Security-Policy can
// forbid inline script.
