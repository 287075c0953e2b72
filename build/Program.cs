// Placeholder until the host kit lands.
return 0;
