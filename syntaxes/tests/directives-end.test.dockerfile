# SYNTAX TEST "source.dockerfile" "the directive block ends at the first blank line"
# syntax=docker/dockerfile:1
# ^^^^^^ keyword.control.directive.dockerfile

# escape=`
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
ENV A=1 \
#       ^ constant.character.escape.line-continuation.dockerfile
    B=2
#   ^ meta.instruction.env.dockerfile variable.other.env.dockerfile
