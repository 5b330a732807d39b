public enum CDScanKitPlaceholder {}
