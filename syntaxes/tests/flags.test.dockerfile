# SYNTAX TEST "source.dockerfile" "flags: name and value scoped separately"
RUN --mount=type=cache,target=/root/.cache,sharing=locked pip install -r requirements.txt
#   ^^^^^^^ meta.flag.dockerfile variable.parameter.flag.dockerfile
#   ^^ punctuation.definition.flag.dockerfile
#          ^ keyword.operator.assignment.dockerfile - variable.parameter.flag.dockerfile
#           ^^^^ entity.other.attribute-name.mount-option.dockerfile
#                ^^^^^ meta.flag.dockerfile - entity.other.attribute-name.mount-option.dockerfile
#                     ^ punctuation.separator.comma.dockerfile
#                      ^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                             ^^^^^^^^^^^^ meta.flag.dockerfile - entity.other.attribute-name.mount-option.dockerfile
#                                          ^^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                         ^^^ entity.name.command.shell - meta.flag.dockerfile
#                                                                     ^^ - variable.parameter.flag.dockerfile
RUN --network=none --security=insecure make
#   ^^^^^^^^^ variable.parameter.flag.dockerfile
#             ^^^^ string.unquoted.flag-value.dockerfile
#                  ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                             ^^^^^^^^ string.unquoted.flag-value.dockerfile
#                                      ^^^^ - meta.flag.dockerfile
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc,required npm ci --no-audit
#                                                    ^^^^^^^^ entity.other.attribute-name.mount-option.dockerfile
#                                                                    ^^^^^^^^^^ - variable.parameter.flag.dockerfile
RUN --mount=type=bind,source=.,target=/src \
    --mount=type=cache,target=/go/pkg/mod,id=${CACHE_ID} \
#   ^^^^^^^ variable.parameter.flag.dockerfile
#                                              ^^^^^^^^ meta.flag.dockerfile variable.other.dockerfile
    go build ./...
#   ^^ entity.name.command.shell - meta.flag.dockerfile
RUN \
    --mount=type=cache,target=/var/cache/apt \
#   ^^^^^^^ variable.parameter.flag.dockerfile
    apt-get update
#   ^^^^^^^ - variable.parameter.flag.dockerfile
RUN -- --mount=x
#   ^^ keyword.operator.end-of-options.dockerfile
#      ^^^^^^^ - variable.parameter.flag.dockerfile
COPY --chown=1000:1000 --chmod=755 --link src/ /app/
#    ^^^^^^^ variable.parameter.flag.dockerfile
#            ^^^^ constant.numeric.integer.user.dockerfile
#                ^ punctuation.separator.user-group.dockerfile
#                 ^^^^ constant.numeric.integer.group.dockerfile
#                      ^^^^^^^ variable.parameter.flag.dockerfile
#                              ^^^ constant.numeric.integer.octal.dockerfile
#                                  ^^^^^^ variable.parameter.flag.dockerfile
#                                         ^^^^ - meta.flag.dockerfile
COPY --chown=app:staff --chmod=u+rwx --link=false --parents --exclude=*.md . /app/
#            ^^^ entity.name.user.dockerfile
#                ^^^^^ entity.name.group.dockerfile
#                              ^^^^^ string.unquoted.flag-value.dockerfile
#                                           ^^^^^ constant.language.boolean.dockerfile
#                                                 ^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                     ^^^^ string.unquoted.flag-value.dockerfile
#                                                                            ^^^^^ - meta.flag.dockerfile
COPY --chown=$UID:$GID file /dst
#             ^^^ entity.name.user.dockerfile variable.other.dockerfile
#                  ^^^ entity.name.group.dockerfile variable.other.dockerfile
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/a.tar.gz /a
#   ^^^^^^^^^^ variable.parameter.flag.dockerfile
#              ^^^^^^ string.unquoted.flag-value.dockerfile
#                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ markup.underline.link.dockerfile - meta.flag.dockerfile
ADD --keep-git-dir=true git@github.com:moby/buildkit.git /bk
#                  ^^^^ constant.language.boolean.dockerfile
#                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ markup.underline.link.dockerfile
HEALTHCHECK --interval=30s --timeout=1m30s --start-period=5s --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1
#           ^^^^^^^^^^ variable.parameter.flag.dockerfile
#                      ^^^ constant.numeric.duration.dockerfile
#                                    ^^^^^ constant.numeric.duration.dockerfile
#                                                         ^^ constant.numeric.duration.dockerfile
#                                                                             ^^^^^ constant.numeric.duration.dockerfile
#                                                                                   ^^^^^^^^^ variable.parameter.flag.dockerfile
#                                                                                             ^ constant.numeric.integer.dockerfile
#                                                                                               ^^^ keyword.other.instruction.dockerfile - meta.flag.dockerfile
#                                                                                                        ^^ - variable.parameter.flag.dockerfile
COPY --from=build --link=true "/out dir/" /dst/
#           ^^^^^ entity.name.type.stage.dockerfile
#                             ^^^^^^^^^^^ string.quoted.double.dockerfile - meta.flag.dockerfile
WORKDIR --not-a-flag
#       ^^^^^^^^^^^^ - variable.parameter.flag.dockerfile
