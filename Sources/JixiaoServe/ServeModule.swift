// The preview server lives here (jixiao serve).
