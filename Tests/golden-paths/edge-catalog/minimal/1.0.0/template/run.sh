#!/bin/sh
echo "hello from {{ golden_path.name }}"
