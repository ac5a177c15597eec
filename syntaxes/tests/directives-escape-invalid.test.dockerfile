# SYNTAX TEST "source.dockerfile" "an escape directive must be \ or `"
# escape=x
#        ^ invalid.illegal.escape-token.dockerfile
FROM alpine
# <---- keyword.other.instruction.dockerfile
