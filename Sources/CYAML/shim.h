#ifndef SCAFFOLD_CYAML_SHIM_H
#define SCAFFOLD_CYAML_SHIM_H
#include <yaml.h>
#endif
