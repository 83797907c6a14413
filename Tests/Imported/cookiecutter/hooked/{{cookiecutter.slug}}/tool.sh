#!/bin/sh
echo {{ cookiecutter.slug }}
