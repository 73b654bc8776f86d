// The app version stored in every run manifest; a unit test keeps it equal to package.json's.
export const APP_VERSION = '0.1.0';
