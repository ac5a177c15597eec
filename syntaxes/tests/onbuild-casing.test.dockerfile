# SYNTAX TEST "source.dockerfile" "all 18 instructions in any case; ONBUILD and its trigger"
ADD a b
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
add a b
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
Add a b
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
AdD a b
# <--- meta.instruction.add.dockerfile keyword.other.instruction.dockerfile
ARG A
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
arg A
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
Arg A
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
ArG A
# <--- meta.instruction.arg.dockerfile keyword.other.instruction.dockerfile
CMD x
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
cmd x
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
Cmd x
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
CmD x
# <--- meta.instruction.cmd.dockerfile keyword.other.instruction.dockerfile
COPY a b
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
copy a b
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
Copy a b
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
CoPy a b
# <---- meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
ENTRYPOINT x
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
entrypoint x
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
Entrypoint x
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
EnTrYpOiNt x
# <---------- meta.instruction.entrypoint.dockerfile keyword.other.instruction.dockerfile
ENV A=1
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
env A=1
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
Env A=1
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
EnV A=1
# <--- meta.instruction.env.dockerfile keyword.other.instruction.dockerfile
EXPOSE 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
expose 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
Expose 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
ExPoSe 80
# <------ meta.instruction.expose.dockerfile keyword.other.instruction.dockerfile
FROM alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
from alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
From alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
FrOm alpine
# <---- meta.instruction.from.dockerfile keyword.other.instruction.dockerfile
HEALTHCHECK NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
healthcheck NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
Healthcheck NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
HeAlThChEcK NONE
# <----------- meta.instruction.healthcheck.dockerfile keyword.other.instruction.dockerfile
LABEL a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
label a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
Label a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
LaBeL a=b
# <----- meta.instruction.label.dockerfile keyword.other.instruction.dockerfile
MAINTAINER me
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
maintainer me
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
Maintainer me
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
MaInTaInEr me
# <---------- meta.instruction.maintainer.dockerfile keyword.other.instruction.dockerfile
ONBUILD RUN x
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
onbuild RUN x
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
Onbuild RUN x
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
OnBuIlD RUN x
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
RUN x
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
run x
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
Run x
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
RuN x
# <--- meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
SHELL ["sh"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
shell ["sh"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
Shell ["sh"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
ShElL ["sh"]
# <----- meta.instruction.shell.dockerfile keyword.other.instruction.dockerfile
STOPSIGNAL SIGINT
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
stopsignal SIGINT
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
Stopsignal SIGINT
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
StOpSiGnAl SIGINT
# <---------- meta.instruction.stopsignal.dockerfile keyword.other.instruction.dockerfile
USER u
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
user u
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
User u
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
UsEr u
# <---- meta.instruction.user.dockerfile keyword.other.instruction.dockerfile
VOLUME /v
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
volume /v
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
Volume /v
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
VoLuMe /v
# <------ meta.instruction.volume.dockerfile keyword.other.instruction.dockerfile
WORKDIR /w
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
workdir /w
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
Workdir /w
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
WoRkDiR /w
# <------- meta.instruction.workdir.dockerfile keyword.other.instruction.dockerfile
ONBUILD RUN make
# <------- meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
#       ^^^ meta.instruction.onbuild.dockerfile meta.instruction.run.dockerfile keyword.other.instruction.dockerfile
#           ^^^^ meta.instruction.run.dockerfile entity.name.command.shell
onbuild copy --chown=app . /app
#       ^^^^ meta.instruction.onbuild.dockerfile meta.instruction.copy.dockerfile keyword.other.instruction.dockerfile
#            ^^^^^^^ variable.parameter.flag.dockerfile
#                    ^^^ entity.name.user.dockerfile
ONBUILD ENV A=1
#           ^ variable.other.env.dockerfile
ONBUILD ONBUILD RUN x
#       ^^^^^^^ invalid.illegal.onbuild-trigger.dockerfile - keyword.other.instruction.dockerfile
ONBUILD FROM alpine
#       ^^^^ invalid.illegal.onbuild-trigger.dockerfile
ONBUILD maintainer me
#       ^^^^^^^^^^ invalid.illegal.onbuild-trigger.dockerfile
ONBUILD \
    RUN make
#   ^^^ meta.instruction.onbuild.dockerfile keyword.other.instruction.dockerfile
RUNNING x
# <------- meta.instruction.unknown.dockerfile - keyword.other.instruction.dockerfile
  RUN indented
# ^^^ keyword.other.instruction.dockerfile
RUN-x y
# <--- - keyword.other.instruction.dockerfile
FROMalpine
# <---- - keyword.other.instruction.dockerfile
COPY
# <---- keyword.other.instruction.dockerfile
