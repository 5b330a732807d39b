#ifndef CDSCAN_CYAML_SHIM_H
#define CDSCAN_CYAML_SHIM_H
#include <yaml.h>
#endif
