# SYNTAX TEST "source.dockerfile" "USER user[:group], WORKDIR, VOLUME, MAINTAINER"
USER app
#    ^^^ entity.name.user.dockerfile
USER 1000:1000
#    ^^^^ constant.numeric.integer.user.dockerfile
#        ^ punctuation.separator.user-group.dockerfile
#         ^^^^ constant.numeric.integer.group.dockerfile
USER app:staff
#    ^^^ entity.name.user.dockerfile
#        ^^^^^ entity.name.group.dockerfile
USER ${UID:-1000}:$GID
#      ^^^ entity.name.user.dockerfile variable.other.dockerfile
#         ^^ keyword.operator.expansion.dockerfile - punctuation.separator.user-group.dockerfile
#                ^^ - keyword.operator.expansion.dockerfile
#                  ^^^ entity.name.group.dockerfile variable.other.dockerfile
WORKDIR /app/${NAME}
#       ^^^^^ meta.instruction.workdir.dockerfile
#              ^^^^ variable.other.dockerfile
VOLUME /var/lib/data /cache
#      ^^^^^^^^^^^^^ meta.instruction.volume.dockerfile
MAINTAINER Jane Doe <jane@example.com>
#          ^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.unquoted.maintainer.dockerfile
