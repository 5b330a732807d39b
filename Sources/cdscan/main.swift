print("cdscan")
