# SYNTAX TEST "source.dockerfile" "FROM: flags, image name / tag / digest, AS stage"
FROM alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
#    ^^^^^^ meta.instruction.from.dockerfile entity.name.type.image.dockerfile
from python:3.12-slim AS build
# <---- keyword.other.instruction.dockerfile
#    ^^^^^^ entity.name.type.image.dockerfile - constant.other.tag.dockerfile
#          ^ punctuation.separator.tag.dockerfile
#           ^^^^^^^^^ constant.other.tag.dockerfile - entity.name.type.image.dockerfile
#                     ^^ keyword.other.as.dockerfile
#                        ^^^^^ entity.name.type.stage.dockerfile
FROM docker.io/library/python:3.12-slim@sha256:4f53e0d3b2c1a0e9f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b5a493827 as Builder-1.x
#    ^^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                             ^^^^^^^^^ constant.other.tag.dockerfile
#                                      ^ punctuation.separator.digest.dockerfile
#                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ constant.other.digest.dockerfile - constant.other.tag.dockerfile
#                                                                                                               ^^ keyword.other.as.dockerfile
#                                                                                                                  ^^^^^^^^^^^ entity.name.type.stage.dockerfile
FROM localhost:5000/team/app:v1 AS final
#    ^^^^^^^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile - constant.other.tag.dockerfile
#                            ^^ constant.other.tag.dockerfile
FROM alpine@sha256:0123456789abcdef
#    ^^^^^^ entity.name.type.image.dockerfile
#           ^^^^^^^^^^^^^^^^^^^^^^^ constant.other.digest.dockerfile
FROM --platform=linux/amd64 golang:1.22 AS go
#    ^^^^^^^^^^ meta.flag.dockerfile variable.parameter.flag.dockerfile
#    ^^ punctuation.definition.flag.dockerfile
#              ^ keyword.operator.assignment.dockerfile
#               ^^^^^^^^^^^ string.unquoted.flag-value.dockerfile
#                           ^^^^^^ entity.name.type.image.dockerfile - meta.flag.dockerfile
#                                  ^^^^ constant.other.tag.dockerfile
FROM --platform=$BUILDPLATFORM ${REGISTRY}/base:${TAG:-latest} AS stage
#                ^^^^^^^^^^^^^ meta.flag.dockerfile variable.other.dockerfile
#                              ^^ entity.name.type.image.dockerfile punctuation.definition.variable.begin.dockerfile
#                                ^^^^^^^^ entity.name.type.image.dockerfile variable.other.dockerfile
#                                         ^^^^^ entity.name.type.image.dockerfile - variable.other.dockerfile
#                                                 ^^^ constant.other.tag.dockerfile variable.other.dockerfile
#                                                    ^^ constant.other.tag.dockerfile keyword.operator.expansion.dockerfile
#                                                                 ^^^^^ entity.name.type.stage.dockerfile
FROM scratch aS 1stage
#    ^^^^^^^ entity.name.type.image.dockerfile
#            ^^ keyword.other.as.dockerfile
#               ^^^^^^ invalid.illegal.stage-name.dockerfile - entity.name.type.stage.dockerfile
FROM --platform=linux/arm64 \
    node:20-alpine \
#   ^^^^ meta.instruction.from.dockerfile entity.name.type.image.dockerfile - meta.flag.dockerfile
#        ^^^^^^^^^ constant.other.tag.dockerfile
    AS web
#   ^^ meta.instruction.from.dockerfile keyword.other.as.dockerfile
#      ^^^ entity.name.type.stage.dockerfile
FROM node AS
#         ^^ keyword.other.as.dockerfile
COPY --from=build /out /usr/bin/
#    ^^^^^^ variable.parameter.flag.dockerfile
#           ^^^^^ entity.name.type.stage.dockerfile
#                 ^^^^ - entity.name.type.stage.dockerfile
COPY --from=0 /a /b
#           ^ constant.numeric.integer.stage-index.dockerfile
COPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/
#           ^^^^^ entity.name.type.image.dockerfile
#                 ^^^^ constant.other.tag.dockerfile
COPY --from=$STAGE /a /b
#           ^^^^^^ invalid.illegal.variable.dockerfile - variable.other.dockerfile
