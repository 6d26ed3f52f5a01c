package bal

// SDKVersion is this module's version, sent in the User-Agent.
const SDKVersion = "0.1.0"
