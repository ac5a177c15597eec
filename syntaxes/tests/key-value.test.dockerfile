# SYNTAX TEST "source.dockerfile" "ENV, LABEL and ARG key=value pairs"
ENV PATH=/usr/local/bin:$PATH LANG=C.UTF-8
#   ^^^^ variable.other.env.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile
#                        ^^^^ variable.other.dockerfile - variable.other.env.dockerfile
#                             ^^^^ variable.other.env.dockerfile
#                                  ^^^^^^^ string.unquoted.value.dockerfile
ENV GREETING="hello world" NAME='it''s'
#   ^^^^^^^^ variable.other.env.dockerfile
#            ^^^^^^^^^^^^^ string.quoted.double.dockerfile
#                          ^^^^ variable.other.env.dockerfile
#                               ^^^^ string.quoted.single.dockerfile
ENV A=1 B
#       ^ invalid.illegal.missing-assignment.dockerfile
ENV LEGACY value with spaces
#   ^^^^^^ variable.other.env.dockerfile
#          ^^^^^^^^^^^^^^^^^ string.unquoted.value.dockerfile - invalid.illegal.missing-assignment.dockerfile
env lower=case
#   ^^^^^ variable.other.env.dockerfile
LABEL org.opencontainers.image.source="https://github.com/org/repo" version=1.0
#     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.dockerfile
#                                                                   ^^^^^^^ entity.other.attribute-name.label.dockerfile
#                                                                           ^^^ string.unquoted.value.dockerfile
LABEL "com.example.vendor"="ACME Inc" 'quoted key'=x
#      ^^^^^^^^^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                           ^^^^^^^^ string.quoted.double.dockerfile
#                                      ^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
LABEL maintainer legacy form
#     ^^^^^^^^^^ entity.other.attribute-name.label.dockerfile
#                ^^^^^^^^^^^ string.unquoted.value.dockerfile
ARG VERSION
#   ^^^^^^^ variable.parameter.arg.dockerfile
ARG GO_VERSION=1.22 BASE="alpine:3.20" NODE_ENV
#   ^^^^^^^^^^ variable.parameter.arg.dockerfile
#             ^ keyword.operator.assignment.dockerfile
#              ^^^^ string.unquoted.value.dockerfile - variable.parameter.arg.dockerfile
#                   ^^^^ variable.parameter.arg.dockerfile
#                        ^^^^^^^^^^^^^ string.quoted.double.dockerfile
#                                      ^^^^^^^^ variable.parameter.arg.dockerfile
ARG TARGETPLATFORM TARGETARCH=${TARGETARCH:-amd64}
#   ^^^^^^^^^^^^^^ variable.parameter.arg.dockerfile
#                               ^^^^^^^^^^ variable.other.dockerfile - variable.parameter.arg.dockerfile
ENV A=1 \
    B=2 \
#   ^ variable.other.env.dockerfile
    C="three \
four"
# <---- string.quoted.double.dockerfile
#   ^ punctuation.definition.string.end.dockerfile
ENV D=\ spaced
#     ^^ constant.character.escape.dockerfile
#       ^^^^^^ string.unquoted.value.dockerfile - invalid.illegal.missing-assignment.dockerfile
