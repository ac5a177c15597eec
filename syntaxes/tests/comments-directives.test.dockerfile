# SYNTAX TEST "source.dockerfile" "parser directives at the top; comments only where # is the first non-blank"
# syntax=docker/dockerfile:1.7-labs
# <- meta.preprocessor.directive.dockerfile punctuation.definition.directive.dockerfile - comment.line.number-sign.dockerfile
# ^^^^^^ keyword.control.directive.dockerfile - comment.line.number-sign.dockerfile
#       ^ keyword.operator.assignment.dockerfile
#        ^^^^^^^^^^^^^^^^^ entity.name.type.image.dockerfile
#                          ^^^^^^^^ constant.other.tag.dockerfile
#ESCAPE = \
# <- punctuation.definition.directive.dockerfile
#^^^^^^ keyword.control.directive.dockerfile
#         ^ constant.character.escape.dockerfile
  # check=skip=JSONArgsRecommended,StageNameCasing;error=true
#   ^^^^^ keyword.control.directive.dockerfile
#         ^^^^ variable.parameter.check-option.dockerfile
#              ^^^^^^^^^^^^^^^^^^^ support.constant.rule.dockerfile
#                                 ^ punctuation.separator.comma.dockerfile
#                                                 ^ punctuation.separator.semicolon.dockerfile
#                                                  ^^^^^ variable.parameter.check-option.dockerfile
#                                                        ^^^^ constant.language.boolean.dockerfile
# foo=bar
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile - meta.preprocessor.directive.dockerfile
# ^^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
# syntax=docker/dockerfile:1
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
FROM alpine
# a comment
# <- comment.line.number-sign.dockerfile punctuation.definition.comment.dockerfile
# ^^^^^^^^^ comment.line.number-sign.dockerfile
    # an indented comment
#   ^ comment.line.number-sign.dockerfile
#     ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile
# escape=` is only a directive at the top
# ^^^^^^ comment.line.number-sign.dockerfile - keyword.control.directive.dockerfile
RUN echo one \
    two
#   ^^^ meta.instruction.run.dockerfile
ENV A=b#c
#      ^^ - comment.line.number-sign.dockerfile
LABEL description="a # b"
#                    ^ string.quoted.double.dockerfile - comment.line.number-sign.dockerfile
EXPOSE 80 # http
#         ^^^^^^ - comment.line.number-sign.dockerfile
COPY a#b /dst/#x
#     ^^ - comment.line.number-sign.dockerfile
#             ^^ - comment.line.number-sign.dockerfile
WORKDIR /app # not a comment
#            ^^^^^^^^^^^^^^^ meta.instruction.workdir.dockerfile - comment.line.number-sign.dockerfile
# check=skip=StageNameCasing,all text after a blank is ignored
# ^^^^^ meta.preprocessor.directive.dockerfile keyword.control.directive.dockerfile
#            ^^^^^^^^^^^^^^^ support.constant.rule.dockerfile
#                            ^^^ constant.language.all.dockerfile - support.constant.rule.dockerfile
#                                ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.dockerfile - support.constant.rule.dockerfile
FROM alpine AS Final
# check=experimental=all
#                    ^^^ constant.language.all.dockerfile
#
# <- comment.line.number-sign.dockerfile
