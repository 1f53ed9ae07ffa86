// Loaded before every test file (bunfig.toml). Tests read time from injected clocks; pinning the
// process zone as well means a stray Date in a formatter cannot make a test depend on the machine.
process.env.TZ = "UTC";
