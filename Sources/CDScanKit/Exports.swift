@_exported import GitAccess
